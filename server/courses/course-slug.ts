/** Course slugs and file-name parts: lower-case ASCII words joined by hyphens, accents dropped. */

/** "Redes Neurais Recorrentes", "2026.2" → "redes-neurais-recorrentes-2026-2". */
export function slugify(...parts: string[]): string {
  return parts
    .join(" ")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** The first of `base`, `base-2`, `base-3`... that `taken` does not hold ("course" when the base is empty). */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  const root = base || "course";
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}
