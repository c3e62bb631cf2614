// Taro resolves `./templateFile` to `templateFile.h5.ts` in the H5 build and to this file in the
// weapp build: a browser saves the file, a mini-program opens it in WeChat's document viewer.
import Taro from '@tarojs/taro';

/** A small generated file (an import template), its bytes in base64. */
export interface GeneratedFile {
  fileName: string;
  format: 'xlsx' | 'csv';
  content: string;
}

/**
 * Writes the file to the mini-program's own folder and opens it with WeChat's viewer, whose ⋯ menu
 * forwards it to a computer or saves it. Only XLSX opens there.
 */
export async function saveGeneratedFile(file: GeneratedFile): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.fileName}`;
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: file.content,
      encoding: 'base64',
      success: () => resolve(),
      fail: (failure) => reject(new Error(failure.errMsg)),
    });
  });
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
}
