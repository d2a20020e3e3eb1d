/** 1–5 stars, or 'none' for 不定星. */
export type StarChoice = 1 | 2 | 3 | 4 | 5 | 'none';
export const STAR_CHOICES: StarChoice[] = [5, 4, 3, 2, 1, 'none'];

/** What the form lacks, or null when it may be sent. 不定星 must say why; a star rating needs its grounds too. */
export function ratingProblem(choice: StarChoice | null, reason: string): string | null {
  if (choice === null) return '请选择星级，或选择不定星';
  if (!reason.trim()) return choice === 'none' ? '不定星须填写原因' : '请填写评定理由';
  return null;
}
