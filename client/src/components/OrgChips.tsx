import { ChoiceChips } from './ChoiceChips';

export interface OrgChipsProps {
  /** The unions (or districts) to pick from, by name, in the order given. */
  orgs: readonly { path: string; name: string }[];
  /** The picked one's path; none picked yet when undefined or empty. */
  picked: string | null | undefined;
  onPick: (path: string) => void;
  /** What is being picked, for screen readers (所属工会, 导入到哪个工会 …). */
  label: string;
}

/**
 * One union out of several, as chips with its name (a path never shows): the staff forms' 所属工会,
 * the import's target, the invite's node, a delivery's district. Read out as radio buttons.
 */
export function OrgChips({ orgs, picked, onPick, label }: OrgChipsProps) {
  return (
    <ChoiceChips
      single
      label={label}
      choices={orgs.map((org) => ({ value: org.path, label: org.name }))}
      selected={picked ? [picked] : []}
      onToggle={onPick}
    />
  );
}
