export { generateMasterKeyText, Keyring, keyringFromEnv, MasterKeyError, parseMasterKey, type MasterKey } from './master-key.js';
export { isSealed, open, seal, sealedKeyId, SecretDecryptionError } from './envelope.js';
export { EncryptionCodec, ENCRYPTED_ENCODING, isEncryptedPayload } from './payload-codec.js';
export { FAILURE_CONVERTER_PATH } from './failure-converter-path.js';
