/**
 * Residents' phone numbers and ID numbers typed into free text are masked before other residents or the
 * public (the board, Open311) see it (个人信息保护法).
 */
export function scrubPersonal(text: string): string {
  return text
    .replace(/(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?!\d)/g, '$1********$3') // 18-digit ID card
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2'); // mainland mobile
}
