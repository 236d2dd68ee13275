/** The day the work permit moved onto the social security card (the reform's first day): a fact about cases, which the rules and the legacy card both read. */
export const REFORM_DAY = '2024-12-01';
