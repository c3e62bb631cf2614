// Picked by Taro's multi-platform resolution for the H5 build; see fileChooser.ts.
import { type ChosenFile, FileChoiceError } from './fileChooserTypes';

export type { ChosenFile } from './fileChooserTypes';
export { FileChoiceError } from './fileChooserTypes';

export const fileSourceHint = '从电脑或手机中选择 .csv 或 .xlsx 文件';

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new FileChoiceError('unavailable', { cause: reader.error }));
    reader.readAsDataURL(file);
  });
}

/** A hidden `<input type="file">`, attached while open so every browser shows its chooser. */
export function chooseImportFile(): Promise<ChosenFile> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx';
    input.style.display = 'none';
    const done = () => input.remove();
    input.addEventListener('change', () => {
      done();
      const file = input.files?.[0];
      if (!file) {
        reject(new FileChoiceError('cancelled'));
        return;
      }
      resolve({ name: file.name, size: file.size, readBase64: () => readBase64(file) });
    });
    input.addEventListener('cancel', () => {
      done();
      reject(new FileChoiceError('cancelled'));
    });
    document.body.appendChild(input);
    input.click();
  });
}
