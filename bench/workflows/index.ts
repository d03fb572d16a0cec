/** The bench worker's bundle entry point: the interpreter and its hand-written yardstick, side by side. */
export { caseWorkflow } from '../../workflows/case-workflow';
export { handWrittenSixStep } from './hand-written';
