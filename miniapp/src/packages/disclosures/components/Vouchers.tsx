import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { DisclosureLineView } from '@wuye/contracts';
import { fileUrl } from '../../../services/http';

type Voucher = DisclosureLineView['attachments'][number];


/** weapp: download the PDF into the app's temp folder and open it in WeChat's document viewer. */
async function openPdf(url: string): Promise<void> {
  try {
    void Taro.showLoading({ title: '正在打开…' });
    const file = await Taro.downloadFile({ url: fileUrl(url) });
    if (file.statusCode !== 200) throw new Error(`download ${file.statusCode}`);
    await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: true });
  } catch {
    void Taro.showToast({ title: '凭证没能打开，请稍后重试', icon: 'none', duration: 3000 });
  } finally {
    void Taro.hideLoading();
  }
}

/** The vouchers of a line: photos as thumbnails (tap: full screen, swipe through), PDFs as a link. */
export default function Vouchers({ vouchers, onRemove }: { vouchers: Voucher[]; onRemove?: (voucher: Voucher) => void }) {
  if (vouchers.length === 0) return null;
  const images = vouchers.filter((v) => v.kind === 'image');
  return (
    <View className="vouchers">
      {vouchers.map((voucher, index) => (
        <View key={voucher.id} className={`voucher voucher-${voucher.kind}`}>
          {voucher.kind === 'image' ? (
            <Image
              className="voucher-thumb"
              src={fileUrl(voucher.thumbnailUrl ?? voucher.url)}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ current: fileUrl(voucher.url), urls: images.map((i) => fileUrl(i.url)) }).catch(() => undefined)}
            />
          ) : process.env.TARO_ENV === 'h5' ? (
            <a className="voucher-pdf-link" href={fileUrl(voucher.url)} target="_blank" rel="noreferrer">
              PDF 凭证 {index + 1}
            </a>
          ) : (
            <View className="voucher-pdf-open" onClick={() => void openPdf(voucher.url)}>
              PDF 凭证 {index + 1}
            </View>
          )}
          {onRemove ? (
            <Text className="voucher-remove" onClick={() => onRemove(voucher)}>
              删除
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}
