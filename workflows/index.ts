/** The workflows this worker serves (the bundle's entry point). */
export { caseWorkflow } from './case-workflow';
