/** Puts the caret at the start of a line of the plan and scrolls it into the middle of the editor. */
export function jumpToLine(textarea: HTMLTextAreaElement | null, line: number, col = 1): void {
  if (!textarea) return;
  const lines = textarea.value.split('\n');
  const index = Math.max(0, Math.min(line, lines.length) - 1);
  let offset = 0;
  for (let i = 0; i < index; i++) offset += lines[i]!.length + 1;
  offset += Math.max(0, Math.min(col - 1, lines[index]?.length ?? 0));
  textarea.focus();
  textarea.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
  textarea.scrollTop = Math.max(0, index * lineHeight - textarea.clientHeight / 2);
}
