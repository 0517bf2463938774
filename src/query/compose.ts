/**
 * Composing answers: from resolved subjects and the report to the verdict, matches, Markdown text and
 * citations. One module per kind of answer under ./compose/; this file is their index.
 */
export type { Context } from './compose/shared.js';
export { composeScope } from './compose/scope.js';
export { notCertain, withPeriodCaveat, composePeriodCheck, composePeriodBoundary, composePeriodIs, outsidePeriod, composeOtherProgramOnly, composeNotMentioned, composeNotSaid, otherProgram, composeOwnCompliance, composeOtherProviderReport, composeFillForm } from './compose/caveats.js';
export { composeDescription, composeList, composeFacts, composeCountCompared, composeTopic, composeHelp, composeUnknown, composeTooLong } from './compose/answers.js';
export { composeSocLevel, composeReportIsNot, composeAuditorNamed, composeExclusion, composeControlsEffective, composeCarveOut, composeUserEntityControls, composeNoExclusions, composeReportContents, socLevelOf, firmKey } from './compose/attestation.js';
export { composeAdvice, composeCriteriaOfServices, composeServicesUnderCriteria, composeCategoryOf, composeCategoryIs, composeServiceLevel, composeZoneCount } from './compose/answers.js';
