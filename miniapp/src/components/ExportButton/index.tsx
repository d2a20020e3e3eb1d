import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';
import { showError } from '../../services/errors';

/** 导出 Excel: downloads the file (browser) or opens it in WeChat's viewer; disabled while it runs. */
export default function ExportButton({ className, label = '导出 Excel', download }: { className: string; label?: string; download: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await download();
      void Taro.showToast({ title: '已导出', icon: 'success' });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button className={`button button-small export-button ${className}`} disabled={busy || undefined} onClick={() => void run()}>
      {busy ? '正在导出…' : label}
    </Button>
  );
}
