/**
 * A questionnaire that cannot be read or answered as asked: the message names the file and what is wrong
 * ("questions.xlsx: no sheet named \"Sheet9\" (sheets: Questions, Notes)"). `usage` marks a mistake in how
 * the tool was called (a bad --column, -o equal to the input) rather than in the file.
 */
export class QuestionnaireError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly usage = false,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'QuestionnaireError';
  }
}
