import PhotoPicker, { usePhotoPicker } from '../../../components/PhotoPicker';
import { uploadVoucher, type UploadedVoucher } from '../../../services/disclosures';

const MAX_VOUCHERS_PER_LINE = 20;

/**
 * 上传凭证: photos from the camera or album, or PDFs (weapp: from a chat; H5: the browser's file picker). Each
 * voucher joins the line as soon as it is uploaded; one that failed stays here with the reason and 重试.
 */
export default function VoucherPicker({ taken, onUploaded }: { taken: number; onUploaded: (voucher: UploadedVoucher) => void }) {
  const picker = usePhotoPicker({
    max: MAX_VOUCHERS_PER_LINE,
    taken,
    unit: '个凭证',
    upload: (file) => uploadVoucher(file.path, file.name),
    onUploaded,
  });
  return <PhotoPicker picker={picker} className="voucher-picker" pdf label={process.env.TARO_ENV === 'h5' ? '上传凭证（照片或 PDF）' : '拍照或选照片'} />;
}
