/** TypeORM returns [rows, count] for an UPDATE … RETURNING on postgres, rows otherwise. */
export function sqlRows<T>(r: unknown): T[] {
  if (Array.isArray(r) && Array.isArray(r[0])) return r[0] as T[];
  return r as T[];
}
