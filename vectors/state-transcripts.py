#!/usr/bin/env python3
# Writes vectors/state.json: token-state transcripts whose expected states are spelled out by hand
# below from the rules in README.md (Token state), never computed by oathkit. The codes are the
# published ones (RFC 4226 Appendix D, RFC 6238 Appendix B, vectors/oathtool.json).
# Usage: python3 vectors/state-transcripts.py vectors/state.json
import json, sys
C = ['755224','287082','359152','969429','338314','254676','287922','162583','399871','520489']
def H(seq, counter, f=0, lm=0, lu=0): return {"v":1,"kind":"hotp","seq":seq,"counter":counter,"failures":f,"lockMs":lm,"lockedUntil":lu}
def T(seq, last, drift, f=0, lm=0, lu=0): return {"v":1,"kind":"totp","seq":seq,"after":last,"drift":drift,"failures":f,"lockMs":lm,"lockedUntil":lu}
def A(token, now, reason, state, **opts):
    o = {"now": now, **opts}
    return {"op":"authenticate","token":token,"options":o,"expect":{"ok":reason=="accepted","reason":reason,"state":state}}
def R(tokens, now, reason, state, **opts):
    o = {"now": now, **opts}
    return {"op":"resynchronize","tokens":tokens,"options":o,"expect":{"ok":reason=="accepted","reason":reason,"state":state}}
def X(op, now, code, token=None, tokens=None, **opts):
    s = {"op":op,"options":{"now":now, **opts},"expect":{"throws":code}}
    if token is not None: s["token"]=token
    if tokens is not None: s["tokens"]=tokens
    return s
S = "same"
RFC = "3132333435363738393031323334353637383930"
transcripts = [
 {"name":"hotp: look-ahead, counter past the match, replay within the window + 1 counters behind, malformed codes are failures, the default lock at 5","key_hex":RFC,
  "create":{"kind":"hotp"},"initial":H(0,0),"steps":[
   A(C[3],0,"accepted",H(1,4)),
   A(C[3],0,"replayed",S),
   A(C[1],0,"replayed",S),
   A(C[4],0,"accepted",H(2,5)),
   A(C[9],0,"wrong",H(3,5,1),window=3),
   A(C[9],0,"accepted",H(4,10)),
   A(C[0],0,"wrong",H(5,10,1),window=0),
   A(C[0],0,"replayed",S),
   A(C[1],0,"replayed",S,window=8),
   A(C[0],0,"wrong",H(6,10,2),window=8),
   A("12345",0,"wrong",H(7,10,3)),
   A(C[0],0,"wrong",H(8,10,4),digits=8),
   A(" 520489",0,"wrong",H(9,10,5,30000,30000)),
 ]},
 {"name":"hotp: lock after maxFailures, doubling to maxLockMs, the code never looked at while locked, reset on success","key_hex":RFC,
  "create":{"kind":"hotp"},"initial":H(0,0),
  "options":{"window":9,"policy":{"maxFailures":3,"lockMs":1000,"maxLockMs":3000}},"steps":[
   A("000000",0,"wrong",H(1,0,1)),
   A("000000",1,"wrong",H(2,0,2)),
   A("000000",2,"wrong",H(3,0,3,1000,1002)),
   A(C[0],500,"locked",S),
   A("nonsense",1001,"locked",S),
   X("authenticate",1001,"INVALID_DIGITS",token=C[0],digits=5),
   X("authenticate",1001,"INVALID_POLICY",token=C[0],policy={"maxFailures":0}),
   X("authenticate",1001,"INVALID_POLICY",token=C[0],policy={"lockMs":10,"maxLockMs":5}),
   X("authenticate",1001,"INVALID_WINDOW",token=C[0],window=-1),
   A("000000",1002,"wrong",H(4,0,4,2000,3002)),
   A(C[0],3001,"locked",S),
   A("000000",3002,"wrong",H(5,0,5,3000,6002)),
   A("111111",6002,"wrong",H(6,0,6,3000,9002)),
   R([C[0],C[1]],9001,"locked",S),
   A(C[0],9002,"accepted",H(7,1)),
   A("000000",9003,"wrong",H(8,1,1)),
 ]},
 {"name":"hotp: resynchronization from two consecutive codes (RFC 4226 §7.4); failed attempts count toward the lock","key_hex":RFC,
  "create":{"kind":"hotp"},"initial":H(0,0),"options":{"policy":{"maxFailures":3,"lockMs":60000}},"steps":[
   R([C[8],C[9]],0,"wrong",H(1,0,1),window=5),
   R([C[8],C[9]],0,"accepted",H(2,10)),
   A(C[9],0,"replayed",S),
   A(C[8],0,"replayed",S),
   R([C[8],C[9]],0,"wrong",H(3,10,1)),
   R([C[2],C[4]],0,"wrong",H(4,10,2)),
   R(["000000","000000"],10,"wrong",H(5,10,3,60000,60010)),
   R([C[8],C[9]],20,"locked",S),
   A("000000",60010,"wrong",H(6,10,4,120000,180010)),
 ]},
 {"name":"hotp: a counter created at 2^64-1; once its code is used no counter is left","key_hex":"f4",
  "create":{"kind":"hotp","options":{"counter":"18446744073709551615"}},"initial":H(0,"18446744073709551615"),"steps":[
   A("144574",0,"accepted",H(1,"18446744073709551616")),
   A("144574",0,"replayed",S),
   A("205729",0,"wrong",H(2,"18446744073709551616",1)),
   R(["144574","205729"],0,"wrong",H(3,"18446744073709551616",2)),
 ]},
 {"name":"totp: replay refused, drift re-centred on the matched step (RFC 6238 §6); steps 0-9 have the RFC 4226 codes","key_hex":RFC,
  "create":{"kind":"totp"},"initial":T(0,-1,0),"steps":[
   A(C[4],151000,"accepted",T(1,4,-1)),
   A(C[5],181000,"accepted",T(2,5,-1)),
   A(C[5],181000,"replayed",S),
   A(C[4],181000,"replayed",S),
   A(C[9],241000,"wrong",T(3,5,-1,1)),
   A(C[8],241000,"accepted",T(4,8,0)),
   A(C[7],241000,"replayed",S),
   A(C[6],241000,"wrong",T(5,8,0,1)),
   A(C[9],271000,"accepted",T(6,9,0),window=0),
   A(C[9],299999,"replayed",S,window={"past":0,"future":0}),
 ]},
 {"name":"totp: drift is clamped to ±maxDrift, and a stored drift beyond it re-centres only that far","key_hex":RFC,
  "create":{"kind":"totp"},"initial":T(0,-1,0),"steps":[
   A(C[4],271000,"accepted",T(1,4,-2),window=5,maxDrift=2),
   A(C[7],271000,"accepted",T(2,7,-2),window=1,maxDrift=2),
   A(C[8],271000,"accepted",T(3,8,-1),window=0,maxDrift=1),
   X("authenticate",271000,"INVALID_DRIFT",token=C[9],maxDrift=50001),
 ]},
 {"name":"totp: resynchronization with RFC 6238 Appendix B's consecutive steps 37037036 and 37037037 (SHA-1, 8 digits), token 5 steps behind","key_hex":RFC,
  "create":{"kind":"totp"},"initial":T(0,-1,0),"options":{"digits":8},"steps":[
   A("14050471",1111111260000,"wrong",T(1,-1,0,1)),
   R(["07081804","14050471"],1111111260000,"wrong",T(2,-1,0,2),window=4),
   R(["07081804","14050471"],1111111260000,"accepted",T(3,37037037,-5)),
   A("14050471",1111111260000,"replayed",S),
   A("07081804",1111111260000,"replayed",S),
   R(["07081804","14050471"],1111111260000,"wrong",T(4,37037037,-5,1)),
   X("resynchronize",1111111260000,"INVALID_WINDOW",tokens=["07081804","14050471"],window=21),
   X("resynchronize",1111111260000,"INVALID_WINDOW",tokens=["07081804","14050471"],window=4,maxDrift=3),
 ]},
 {"name":"totp: a drift given at creation; the RFC 6238 Appendix B code of T=1 at 59 s (SHA-1, 8 digits)","key_hex":RFC,
  "create":{"kind":"totp","options":{"drift":1}},"initial":T(0,-1,1),"options":{"digits":8},"steps":[
   A("94287082",59000,"accepted",T(1,1,0)),
   A("94287082",59000,"replayed",S),
 ]},
 {"name":"totp: period and t0 place the steps (RFC 6238 §4): 60-s steps from t0 = 1000 s","key_hex":RFC,
  "create":{"kind":"totp"},"initial":T(0,-1,0),"options":{"period":60,"t0":1000},"steps":[
   A(C[2],1120000,"accepted",T(1,2,0)),
   A(C[1],1120000,"replayed",S),
   A(C[3],1120000+59999,"wrong",T(2,2,0,1),window=0),
   A(C[3],1120000+60000,"accepted",T(3,3,0),window=0),
   X("authenticate",999999,"INVALID_TIME",token=C[2]),
 ]},
]
M = 9007199254740991
invalid = [
 ["not an object: the stored JSON text itself", json.dumps(H(0,0))],
 ["null", None],
 ["an array", [1, "hotp"]],
 ["format version 2 (newer)", {**H(0,0), "v":2}],
 ["format version 0", {**H(0,0), "v":0}],
 ["format version as text", {**H(0,0), "v":"1"}],
 ["no format version", {k:v for k,v in H(0,0).items() if k!="v"}],
 ["unknown kind", {**H(0,0), "kind":"ocra"}],
 ["an unknown field", {**H(0,0), "owner":"alice"}],
 ["a TOTP field in an HOTP state", {**H(0,0), "drift":0}],
 ["an HOTP field in a TOTP state", {**T(0,-1,0), "counter":0}],
 ["no counter", {k:v for k,v in H(0,0).items() if k!="counter"}],
 ["no failures", {k:v for k,v in T(0,-1,0).items() if k!="failures"}],
 ["counter -1", H(0,-1)],
 ["counter 1.5", H(0,1.5)],
 ["counter 2^53 as a number (not exact)", H(0,9007199254740992)],
 ["counter as text below 2^53 (not canonical)", H(0,"12")],
 ["counter text with a leading zero", H(0,"09007199254740993")],
 ["counter text above 2^64", H(0,"18446744073709551617")],
 ["counter text with a sign", H(0,"+9007199254740993")],
 ["counter text of 21 digits", H(0,"100000000000000000000")],
 ["counter null", H(0,None)],
 ["seq -1", H(-1,0)],
 ["seq 2^53", H(9007199254740992,0)],
 ["seq as text", H("1",0)],
 ["failures 0.5", H(0,0,0.5)],
 ["failures -1", H(0,0,-1)],
 ["lockMs beyond ten years", H(0,0,5,315360000001,1)],
 ["lockedUntil without a lock", H(0,0,5,0,1000)],
 ["a lock without failures", H(0,0,0,1000,1000)],
 ["lockedUntil beyond the Date range plus a lock", H(0,0,5,1000,8640000000000000+315360000000+1)],
 ["after -2", T(0,-2,0)],
 ["after 2^53", T(0,9007199254740992,0)],
 ["after as text", T(0,"5",0)],
 ["drift 50001", T(0,-1,50001)],
 ["drift -50001", T(0,-1,-50001)],
 ["drift 0.5", T(0,-1,0.5)],
]
valid = [
 ["fresh HOTP", H(0,0)],
 ["HOTP at 2^53-1 as a number", H(3,M)],
 ["HOTP at 2^53 as text", H(3,"9007199254740992")],
 ["HOTP at 2^64: every counter used", H(3,"18446744073709551616")],
 ["HOTP locked", H(M,7,5,30000,1700000030000)],
 ["HOTP locked before 1970", H(1,7,5,30000,-5000)],
 ["HOTP with failures below the threshold", H(2,7,2)],
 ["fresh TOTP", T(0,-1,0)],
 ["TOTP with drift -50000", T(9,M,-50000)],
 ["TOTP with drift 50000 and a ten-year lock", T(9,100,50000,9,315360000000,8640000000000000+315360000000)],
]
doc = {
 "source": "hand-written transcripts of the token-state rules in README.md (Token state); codes from RFC 4226 Appendix D (counters/steps 0-9, key ASCII 12345678901234567890), RFC 6238 Appendix B (SHA-1, 8 digits, T=1 and T=37037036/37037037) and vectors/oathtool.json (key f4, counter 2^64-1)",
 "note": "Each step runs on the state the previous step returned (the initial state is createTokenState(create.kind, create.options)); options = transcript options overlaid by the step's. expect.state \"same\" means unchanged (equal to the input, same seq). Counters in create.options are decimal text (pass as bigint).",
 "transcripts": transcripts,
 "invalid_states": [{"why":w,"state":s} for w,s in invalid],
 "valid_states": [{"why":w,"state":s} for w,s in valid],
}
def dump(doc):
    # One step, one state per line: the transcripts read as tables.
    out = ['{']
    out.append(f' "source": {json.dumps(doc["source"], ensure_ascii=False)},')
    out.append(f' "note": {json.dumps(doc["note"], ensure_ascii=False)},')
    out.append(' "transcripts": [')
    for i, t in enumerate(doc["transcripts"]):
        head = {k: v for k, v in t.items() if k != "steps"}
        out.append('  {' + ', '.join(f'{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}' for k, v in head.items()) + ', "steps": [')
        out.append(',\n'.join('   ' + json.dumps(st, ensure_ascii=False) for st in t["steps"]))
        out.append('  ]}' + (',' if i < len(doc["transcripts"]) - 1 else ''))
    out.append(' ],')
    for key in ("invalid_states", "valid_states"):
        out.append(f' "{key}": [')
        out.append(',\n'.join('  ' + json.dumps(r, ensure_ascii=False) for r in doc[key]))
        out.append(' ]' + (',' if key == "invalid_states" else ''))
    out.append('}')
    return '\n'.join(out) + '\n'
text = dump(doc)
assert json.loads(text) == doc
open(sys.argv[1], 'w').write(text)
print(sum(len(t["steps"]) for t in transcripts), len(invalid), len(valid))
