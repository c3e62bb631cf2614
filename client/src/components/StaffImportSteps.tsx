import { Progress } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import './StaffImportSteps.scss';

const titles = ['读取文件', '上传', '校验', '导入'];

/**
 * Where an import is: 读取文件 → 上传 → 校验 → 导入. `step` is the last one reached (1–4); `busy`
 * marks it as still running.
 */
export function StaffImportSteps({ step, busy }: { step: number; busy: boolean }) {
  return (
    <View className="staff-import-steps">
      <View className="staff-import-steps__row">
        {titles.map((title, i) => {
          const index = i + 1;
          const state =
            index < step || (index === step && !busy) ? 'done' : index === step ? 'active' : 'todo';
          return (
            <View key={title} className={`staff-import-steps__step staff-import-steps__step--${state}`}>
              <Text className="staff-import-steps__dot">{state === 'done' ? '✓' : index}</Text>
              <Text className="staff-import-steps__title">{title}</Text>
            </View>
          );
        })}
      </View>
      <Progress
        className="staff-import-steps__bar"
        percent={Math.min(100, (step - (busy ? 0.5 : 0)) * 25)}
        color="#1f7a5c"
        background="#e3f2ec"
        strokeWidth="8"
        showText={false}
      />
    </View>
  );
}
