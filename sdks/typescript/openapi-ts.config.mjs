// The generator's settings; `npm run generate` (or sdks/generate) reads them.
// KREMNA_SPEC / KREMNA_SDK_OUT let sdks/check generate into a temp dir.
export default {
  input: process.env.KREMNA_SPEC ?? '../../api/openapi.json',
  output: process.env.KREMNA_SDK_OUT ?? 'src/generated',
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
};
