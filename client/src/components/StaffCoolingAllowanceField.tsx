import type { CampaignFormErrors, CampaignKindRow, CoolingAllowanceRow } from '../services/staffCampaignForm';
import { ChoiceChips } from './ChoiceChips';
import { StationFormField } from './StationFormField';

const NONE = 'none';
const perDayChoices = Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: `${i + 1} 份` }));

export interface StaffCoolingAllowanceFieldProps {
  kinds: CampaignKindRow[];
  value: CoolingAllowanceRow;
  errors: CampaignFormErrors;
  onChange: (next: CoolingAllowanceRow) => void;
}

/**
 * 清凉码额度: which catalog item a worker may receive against their personal 清凉码, and how many per
 * day — or none. Items are offered from the catalog above, so the choice always exists in it.
 */
export function StaffCoolingAllowanceField({
  kinds,
  value,
  errors,
  onChange,
}: StaffCoolingAllowanceFieldProps) {
  const items = kinds.flatMap((kind) =>
    kind.items
      .filter((item) => item.name.trim())
      .map((item) => ({
        value: item.key,
        label: `${kind.name || '未命名'} · ${item.name}${item.unit ? `（${item.unit}）` : ''}`,
      })),
  );
  const chosen = items.some((item) => item.value === value.itemKey) ? value.itemKey : null;
  return (
    <>
      <StationFormField
        label="清凉码发放物资"
        name="cooling"
        error={errors.cooling}
        hint="职工在“我的 → 清凉码”出示个人二维码，志愿者或驿站扫码发放；不设置则本活动不使用清凉码"
      >
        <ChoiceChips
          choices={[{ value: NONE, label: '不设置' }, ...items]}
          selected={[chosen ?? NONE]}
          onToggle={(key) => onChange({ ...value, itemKey: key === NONE ? null : key })}
        />
      </StationFormField>
      {chosen ? (
        <StationFormField label="每人每天限领" name="coolingPerDay" required>
          <ChoiceChips
            choices={perDayChoices}
            selected={[String(value.perDay)]}
            onToggle={(n) => onChange({ ...value, perDay: Number(n) })}
          />
        </StationFormField>
      ) : null}
    </>
  );
}
