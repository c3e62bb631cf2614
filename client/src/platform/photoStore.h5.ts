// IndexedDB for the H5 build's kept photos: localStorage holds only a few MB of text, while a
// browser gives IndexedDB room for many photos as Blobs, kept across reloads.

const dbName = 'ankang-photos';
const storeName = 'photos';

let opening: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(storeName, mode);
    const request = act(transaction.objectStore(storeName));
    // Resolve once the transaction is durable, not merely when the request finished.
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export const putBlob = (key: string, blob: Blob) => run('readwrite', (s) => s.put(blob, key)).then(() => {});
export const getBlob = (key: string) => run<Blob | undefined>('readonly', (s) => s.get(key));
export const deleteBlob = (key: string) => run('readwrite', (s) => s.delete(key)).then(() => {});
