import * as z from 'zod';

/** Every reviewed data file (data/aliases, data/vocabulary) says where its entries come from. */
export const source = z.lazy(() => z.string().min(8, 'every entry needs a note of its source'));

/**
 * Validates one reviewed data file against its schema.
 * @param file the file's path from the project root, for the message (`data/aliases/services.json`).
 * @returns the parsed data.
 * @throws Error `FILE: FIELD: MESSAGE` for the first bad field.
 */
export function checkReviewed<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || 'the document'}: ${issue.message}`);
  }
  return parsed.data;
}
