// The vector files, as data. JSON modules with import attributes load unchanged in Node, Deno,
// Bun and (through Vite) Chromium.
import rfc4226 from '../../vectors/rfc4226.json' with { type: 'json' };
import rfc6238 from '../../vectors/rfc6238.json' with { type: 'json' };
import oathtool from '../../vectors/oathtool.json' with { type: 'json' };
import pyotp from '../../vectors/pyotp.json' with { type: 'json' };
import rfc6287 from '../../vectors/rfc6287.json' with { type: 'json' };
import state from '../../vectors/state.json' with { type: 'json' };
import backup from '../../vectors/backup.json' with { type: 'json' };
import backupCrypto from '../../vectors/backup-crypto.json' with { type: 'json' };

export const vectors = { rfc4226, rfc6238, oathtool, pyotp, rfc6287, state, backup, backupCrypto };
