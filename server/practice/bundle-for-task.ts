/**
 * What a task page needs to offer "Testar no navegador": the practice bundle's hash and, for a
 * task that trains on downloaded public data, where to get it. Null when this server cannot
 * offer practice for the task (no bundle built, no practice.ts, or its data missing).
 */
import { currentPracticeManifest } from "./assets";
import { practiceDataAvailable, practiceNeedsData } from "./public-data";

export interface PracticeBundle {
  hash: string;
  /** The task's public data to download (IMDb's sample), or null. */
  dataUrl: string | null;
}

export function practiceBundleFor(slug: string): PracticeBundle | null {
  const manifest = currentPracticeManifest();
  if (!manifest || !manifest.tasks.includes(slug)) return null;
  if (practiceNeedsData(slug) && !practiceDataAvailable(slug)) return null;
  return { hash: manifest.hash, dataUrl: practiceNeedsData(slug) ? `/practice/data/${slug}` : null };
}
