import { ChecksRunner } from '@/components/checks/checks-runner'
import { checkList } from '@/lib/dal/checks'

/** The list of checks (ids and titles only) for the client runner; nothing is read from AWS here. */
export function ChecksPanel() {
  return <ChecksRunner checks={checkList()} />
}
