// Taro resolves `./fileChooser` to `fileChooser.h5.ts` in the H5 build and to this file in the weapp
// build (as with current.ts): a mini-program can only pick files from a WeChat chat.
import Taro from '@tarojs/taro';
import { type ChosenFile, FileChoiceError } from './fileChooserTypes';

export type { ChosenFile } from './fileChooserTypes';
export { FileChoiceError } from './fileChooserTypes';

/** Where the file comes from, for the hint under the button. */
export const fileSourceHint = '从微信聊天中选择文件（可先把文件发给“文件传输助手”）';

/**
 * Lets the user pick one .csv or .xlsx file sent in a WeChat chat. Through its callbacks: Taro
 * passes chooseMessageFile through unwrapped, and WeChat returns a promise from it only on newer
 * base libraries (as with the media APIs in photos.ts).
 */
export async function chooseImportFile(): Promise<ChosenFile> {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    picked = await new Promise<Taro.chooseMessageFile.SuccessCallbackResult>((resolve, reject) => {
      Taro.chooseMessageFile({
        count: 1,
        type: 'file',
        extension: ['csv', 'xlsx'],
        success: resolve,
        fail: reject,
      });
    });
  } catch (error) {
    const message = String((error as { errMsg?: string } | undefined)?.errMsg ?? error);
    throw new FileChoiceError(/cancel/i.test(message) ? 'cancelled' : 'unavailable', { cause: error });
  }
  const file = picked.tempFiles[0];
  if (!file) throw new FileChoiceError('cancelled');
  return {
    name: file.name,
    size: file.size,
    readBase64: () =>
      new Promise((resolve, reject) => {
        Taro.getFileSystemManager().readFile({
          filePath: file.path,
          encoding: 'base64',
          success: ({ data }) => resolve(String(data)),
          fail: (error) => reject(new FileChoiceError('unavailable', { cause: error })),
        });
      }),
  };
}
