// The ZIP writer lives with the benchmark (plain JS); the tests use the same one.
export { makeZip, S_IFCHR, S_IFDIR, S_IFLNK, S_IFREG } from '../../bench/zip.mjs';

export interface ZipEntry {
  name: string;
  data?: Buffer | string;
  /** Unix mode including the type bits (default: regular file 0644, or directory when name ends in "/"). */
  mode?: number;
  deflate?: boolean;
}
