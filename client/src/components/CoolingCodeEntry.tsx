import { Button } from '@nutui/nutui-react-taro';
import { Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import './CoolingCodeEntry.scss';

export interface CoolingCodeEntryProps {
  onCheck: (text: string) => void;
}

/**
 * Where the platform cannot scan with the camera (a browser): the volunteer types the code the
 * worker shows, or pastes it from a scanner app, and 核验 runs the same check as a scan.
 */
export function CoolingCodeEntry({ onCheck }: CoolingCodeEntryProps) {
  const [text, setText] = useState('');
  return (
    <View className="cooling-code-entry">
      <Textarea
        className="cooling-code-entry__text"
        value={text}
        maxlength={200}
        placeholder="输入或粘贴清凉码"
        onInput={(event) => setText(event.detail.value)}
      />
      <Button
        type="primary"
        size="xlarge"
        block
        disabled={!text.trim()}
        onClick={() => {
          // Cleared for the next worker: codes are pasted whole, and a paste would append.
          onCheck(text);
          setText('');
        }}
      >
        核验
      </Button>
    </View>
  );
}
