// The codec vector files, as data (JSON modules load unchanged in Node, Deno, Bun and Chromium).
import otpauthUris from '../../vectors/otpauth-uris.json' with { type: 'json' };
import migration from '../../vectors/migration.json' with { type: 'json' };
import mobilepass from '../../vectors/mobilepass.json' with { type: 'json' };
import steam from '../../vectors/steam.json' with { type: 'json' };

export const codecVectors = { otpauthUris, migration, mobilepass, steam };
