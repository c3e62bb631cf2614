import { type DataColumn, DataTable } from './DataTable';

export interface StaffSignupTableProps<Signup extends { id: string }> {
  columns: DataColumn<Signup>[];
  signups: Signup[];
  selectedId: string | null;
  onSelect: (signup: Signup) => void;
}

/** A review queue as a table on a wide screen, one row per sign-up keyed by its id. */
export function StaffSignupTable<Signup extends { id: string }>({
  columns,
  signups,
  selectedId,
  onSelect,
}: StaffSignupTableProps<Signup>) {
  return (
    <DataTable
      className="staff-signup-table"
      columns={columns}
      rows={signups}
      rowKey={(s) => s.id}
      selectedKey={selectedId}
      onSelect={onSelect}
    />
  );
}
