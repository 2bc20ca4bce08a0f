import * as o from 'oathkit';
const key = o.base32Decode('JBSWY3DPEHPK3PXP');
const p = (s) => (typeof print === 'function' ? print(s) : console.log(s));
p('totp ' + o.totp(key, { now: 59000 }));
p('ocra ' + o.ocra('OCRA-1:HOTP-SHA1-6:QN08', o.hexDecode('3132333435363738393031323334353637383930'), { challenge: '00000000' }));
p('replaceAll ' + typeof ''.replaceAll + ' at ' + typeof [].at + ' TextEncoder ' + typeof TextEncoder + ' WebAssembly ' + typeof WebAssembly + ' crypto ' + typeof crypto);
