// Types of the benchmark's ZIP writer (plain JS), which the tests use too.
export declare const S_IFREG: number;
export declare const S_IFDIR: number;
export declare const S_IFLNK: number;
export declare const S_IFCHR: number;
export declare function makeZip(entries: { name: string; data?: Buffer | string; mode?: number; deflate?: boolean }[]): Buffer;
