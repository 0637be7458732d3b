/** Text as a sentence: trimmed, with a full stop only when it has no closing punctuation of its own. */
export const asSentence = (text: string): string => {
  const t = text.trim();
  return /[.!?…]["”’)]?$/.test(t) ? t : `${t}.`;
};
