import { fileURLToPath } from 'node:url';

/** For a DataConverter's failureConverterPath: Temporal loads the converter itself, in clients, workers and the workflow sandbox alike. */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.js', import.meta.url));
