import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { uploadVoucher, type UploadedVoucher } from '../../../services/disclosures';
import { errorText } from '../../../services/errors';

export const MAX_VOUCHERS_PER_LINE = 20;

interface Picked {
  path: string;
  name?: string;
}

/**
 * 上传凭证: photos from the camera or album, or a PDF (weapp: from a chat; H5: the file picker). One upload at a
 * time (WeChat allows ≤ 10 in flight); the first refusal is shown as the API words it.
 */
export default function VoucherPicker({ room, onUploaded }: { room: number; onUploaded: (voucher: UploadedVoucher) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const upload = async (files: Picked[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setError('');
    try {
      for (const file of files.slice(0, room)) onUploaded(await uploadVoucher(file.path, file.name));
      if (files.length > room) setError(`每项最多 ${MAX_VOUCHERS_PER_LINE} 个凭证，多出的没有上传`);
    } catch (e) {
      setError(errorText(e, '凭证上传失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  const choosePhotos = async () => {
    try {
      const picked = await Taro.chooseImage({ count: Math.min(9, room), sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      await upload(picked.tempFilePaths.map((path) => ({ path })));
    } catch {
      // The user closed the picker: nothing to do.
    }
  };

  const choosePdf = async () => {
    try {
      const picked = await Taro.chooseMessageFile({ count: Math.min(5, room), type: 'file', extension: ['pdf'] });
      await upload(picked.tempFiles.map((file) => ({ path: file.path, name: file.name })));
    } catch {
      // Closed the picker.
    }
  };

  if (room <= 0) return <View className="muted">已达到每项 {MAX_VOUCHERS_PER_LINE} 个凭证的上限。</View>;
  return (
    <View className="voucher-picker">
      {process.env.TARO_ENV === 'h5' ? (
        <label className={`button button-small voucher-upload${busy ? ' voucher-busy' : ''}`}>
          {busy ? '正在上传…' : '上传凭证（照片或 PDF）'}
          <input
            className="voucher-file-input"
            type="file"
            accept="image/*,application/pdf"
            multiple
            disabled={busy}
            style={{ display: 'none' }}
            onChange={(event) => {
              const input = event.target as HTMLInputElement;
              const files = Array.from(input.files ?? []).map((file) => ({ path: URL.createObjectURL(file), name: file.name }));
              input.value = '';
              void upload(files);
            }}
          />
        </label>
      ) : (
        <View className="button-row">
          <Button className="button button-small voucher-photo" disabled={busy || undefined} onClick={() => void choosePhotos()}>
            {busy ? '正在上传…' : '拍照或选照片'}
          </Button>
          <Button className="button button-small voucher-pdf" disabled={busy || undefined} onClick={() => void choosePdf()}>
            选 PDF 文件
          </Button>
        </View>
      )}
      {error ? <View className="form-error voucher-error">{error}</View> : null}
    </View>
  );
}
