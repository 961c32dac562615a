import 'server-only'

import { checkList as listChecks, runAllChecks, runCheck as runOneCheck } from '@/lib/checks'

/** Id and title of every check (static; reads nothing). */
export const checkList = listChecks

/** Runs every troubleshooting check (the check runner verifies the actor itself). Role: viewer. */
export const runChecks = () => runAllChecks()

/** Runs one check by id. Role: viewer. Errors: not_found for an unknown id. */
export const runCheck = (id: string) => runOneCheck(id)
