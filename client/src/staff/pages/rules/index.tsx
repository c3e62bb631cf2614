import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { DistrictPicker } from '../../../components/DistrictPicker';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { GateFallback } from '../../../components/GateFallback';
import { PolicyForm } from '../../../components/PolicyForm';
import { PolicyHistory } from '../../../components/PolicyHistory';
import { PolicyRules } from '../../../components/PolicyRules';
import { PovertyLines } from '../../../components/PovertyLines';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StateView } from '../../../components/StateView';
import { useHardshipPolicy, usePovertyLines } from '../../../hooks/useHardshipPolicy';
import { useRequest } from '../../../hooks/useRequest';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { momentText } from '../../../services/hardshipFormat';
import { lineInForce } from '../../../services/hardshipPolicyFormat';
import { todayInShanghai } from '../../../services/outreachDates';
import { fetchScopeOrgs } from '../../../services/staffOutreach';
import './index.scss';

const conflictText =
  '您打开此页后，其他人修改了这级工会的规则。请刷新查看最新规则，再重新修改；您未保存的修改将被放弃。';

/**
 * 规则设置: pick a union in scope; read the monitoring rules it applies in plain Chinese, where they
 * come from (本级设置 / 继承自 … / 系统默认) and their history; admins edit the node's own rules or
 * return it to inheriting; and the 低保 standards per city with their dates, with a form to add one.
 */
export default function RulesPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const home = allowed ? gate.me.org?.path : undefined;
  const orgs = useRequest(() => fetchScopeOrgs(home), { enabled: allowed, key: home });
  const [picked, setPicked] = useState<string>();

  if (!allowed) {
    return (
      <GateFallback gate={gate} signedIn={account.signedIn} audience="工会干部和管理员" className="rules" />
    );
  }
  const orgPath = picked ?? home;
  const orgName =
    orgs.data?.find((node) => node.path === orgPath)?.name ??
    (gate.me.org?.path === orgPath ? gate.me.org?.name : undefined) ??
    orgPath ??
    '';

  return (
    <View className="page page--form rules">
      <Text className="rules__section">选择工会组织</Text>
      {orgs.data && orgs.data.length > 1 ? (
        <View className="rules__orgs">
          <DistrictPicker districts={orgs.data} selected={orgPath ?? null} onPick={setPicked} />
        </View>
      ) : (
        <Text className="rules__org">{orgName}</Text>
      )}
      {orgPath ? (
        // Keyed by the union: nothing of the one before (rules, 低保 lines, a half-typed form, an
        // error) is ever shown under another union's name.
        <UnionRules
          key={orgPath}
          orgPath={orgPath}
          orgName={orgName}
          admin={gate.me.roles.includes('admin')}
        />
      ) : (
        <>
          <Text className="rules__section">预警规则</Text>
          <StateView
            tone="info"
            title="请选择工会组织"
            description="选择后显示该级适用的预警规则和低保标准。"
          />
        </>
      )}
    </View>
  );
}

/** One union's rules (with the admin's edit) and its 低保 standards (with the form to add one). */
function UnionRules({ orgPath, orgName, admin }: { orgPath: string; orgName: string; admin: boolean }) {
  const policy = useHardshipPolicy(orgPath, true);
  const poverty = usePovertyLines(orgPath, true);
  const view = policy.view.data;

  return (
    <>
      {policy.conflict ? <StaffConflictNotice text={conflictText} onReload={policy.reload} /> : null}
      {policy.actionError && !policy.conflict ? <ErrorBanner error={policy.actionError} /> : null}
      {policy.view.error && view ? (
        <ErrorBanner error={policy.view.error} onRetry={policy.view.retry} />
      ) : null}

      <Text className="rules__section">预警规则</Text>
      {!view && policy.view.error ? (
        <StateView
          tone="error"
          title="规则加载失败"
          description={policy.view.error.message}
          actions={[{ text: '重试', onClick: policy.view.retry }]}
        />
      ) : !view ? (
        <StateView tone="loading" title="正在加载规则…" />
      ) : (
        <>
          <PolicyRules source={view.effective} orgPath={view.orgPath} />
          {view.own ? (
            <Text className="rules__own">
              本级设置：{view.own.setByName} 于 {momentText(view.own.setAt)} 设置
              {view.own.note ? `（${view.own.note}）` : ''}
            </Text>
          ) : null}
          {admin && policy.form ? (
            <PolicyForm
              values={policy.form}
              errors={policy.formErrors}
              busy={policy.busy}
              first={view.own === null}
              onChange={policy.setField}
              onSave={() => void policy.save()}
              onCancel={policy.cancelEdit}
            />
          ) : admin ? (
            <View className="rules__actions">
              <Button type="primary" size="large" onClick={policy.startEdit}>
                {view.own ? '修改本级规则' : '设置本级规则'}
              </Button>
              {view.own ? (
                <Button
                  size="large"
                  loading={policy.busy}
                  disabled={policy.busy}
                  onClick={() => void policy.restore()}
                >
                  恢复继承
                </Button>
              ) : null}
            </View>
          ) : (
            <Text className="rules__readonly">规则由管理员设置，工会干部可查看。</Text>
          )}
          <Text className="rules__section">本级修改记录</Text>
          <PolicyHistory history={view.history} />
        </>
      )}

      <Text className="rules__section">低保标准（每人每月）</Text>
      {poverty.saveError ? <ErrorBanner error={poverty.saveError} /> : null}
      {poverty.lines.error && poverty.lines.data ? (
        <ErrorBanner error={poverty.lines.error} onRetry={poverty.lines.retry} />
      ) : null}
      {poverty.lines.data ? (
        <PovertyLines
          lines={poverty.lines.data}
          inForce={lineInForce(poverty.lines.data, todayInShanghai())}
          orgName={orgName}
          values={poverty.values}
          errors={poverty.errors}
          saving={poverty.saving}
          onChange={poverty.set}
          onAdd={() => void poverty.add()}
        />
      ) : poverty.lines.error ? (
        <StateView
          tone="error"
          title="低保标准加载失败"
          description={poverty.lines.error.message}
          actions={[{ text: '重试', onClick: poverty.lines.retry }]}
        />
      ) : (
        <StateView tone="loading" title="正在加载低保标准…" />
      )}
    </>
  );
}
