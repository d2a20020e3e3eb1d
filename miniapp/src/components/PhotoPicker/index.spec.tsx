import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '../../../test/stubs/taro';
import { ApiError } from '../../services/http';
import { setTokens } from '../../services/session';
import { uploadFile } from '../../services/uploads';
import PhotoPicker, { usePhotoPicker, type PhotoPickerState } from './index';
import type { PhotoPickerOptions } from './usePhotoPicker';
import type { PickedFile } from './pick';
import { settle } from '../../../test/support/render';

const files = (...paths: string[]) => paths.map((path) => ({ path, size: 1000 }));
const images = (...paths: string[]) => ({ tempFilePaths: paths, tempFiles: files(...paths) });
const shotStates = () => Array.from(document.querySelectorAll('.photo-shot')).map((el) => el.className.replace('photo-shot photo-shot-', ''));

let picker!: PhotoPickerState<{ id: number }>;

function Harness({ options, sources, pdf }: { options: PhotoPickerOptions<{ id: number }>; sources?: 'separate' | 'either'; pdf?: boolean }) {
  picker = usePhotoPicker(options);
  return <PhotoPicker picker={picker} className="test-photos" sources={sources} pdf={pdf} />;
}

let uploadOk: jest.Mock<Promise<{ id: number }>, [PickedFile]>;

beforeEach(() => {
  let nextId = 0;
  // Made here: jest resets mock implementations before each test.
  uploadOk = jest.fn(async (_file: PickedFile) => ({ id: ++nextId }));
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
});

afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
});

describe('the photo picker', () => {
  it('uploads each photo as soon as it is chosen and shows how it went', async () => {
    const choose = jest.spyOn(Taro, 'chooseImage').mockResolvedValue(images('blob:a', 'blob:b'));
    render(<Harness options={{ max: 9, upload: uploadOk }} />);

    fireEvent.click(screen.getByText('＋ 添加照片（0/9）'));
    await settle();

    expect(choose).toHaveBeenCalledWith(expect.objectContaining({ count: 9, sourceType: ['album', 'camera'], sizeType: ['compressed'] }));
    expect(uploadOk.mock.calls.map(([file]) => file.path)).toEqual(['blob:a', 'blob:b']);
    expect(screen.getAllByText('已上传')).toHaveLength(2);
    expect(screen.getByText('＋ 添加照片（2/9）')).toBeInTheDocument();
    expect(picker.shots.map((shot) => shot.answer?.id)).toEqual([1, 2]);
  });

  it('asks only for the room left and switches off at the limit', async () => {
    const choose = jest.spyOn(Taro, 'chooseImage').mockResolvedValueOnce(images('blob:a', 'blob:b')).mockResolvedValueOnce(images('blob:c', 'blob:d'));
    render(<Harness options={{ max: 3, upload: uploadOk }} />);

    fireEvent.click(screen.getByText('＋ 添加照片（0/3）'));
    await settle();
    fireEvent.click(screen.getByText('＋ 添加照片（2/3）'));
    await settle();

    expect(choose).toHaveBeenLastCalledWith(expect.objectContaining({ count: 1 }));
    // The chooser answered two for the one place left: the second is not taken.
    expect(shotStates()).toEqual(['done', 'done', 'done']);
    expect(screen.getByText('＋ 添加照片（3/3）')).toBeDisabled();
    expect(screen.getByText('最多 3 张照片')).toBeInTheDocument();
  });

  it('a failed upload says why; 重试 sends it again; 删除 takes it away', async () => {
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue(images('blob:big', 'blob:gone'));
    const upload = jest
      .fn()
      .mockRejectedValueOnce(new ApiError({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '照片不能超过 10 MB' }))
      .mockRejectedValueOnce(new ApiError({ statusCode: 0, code: 'NETWORK', message: '网络不可用，请检查网络后重试' }))
      .mockResolvedValueOnce({ id: 9 });
    render(<Harness options={{ max: 9, upload }} />);
    fireEvent.click(screen.getByText('＋ 添加照片（0/9）'));
    await settle();

    expect(screen.getByText('照片不能超过 10 MB')).toBeInTheDocument();
    expect(shotStates()).toEqual(['failed', 'failed']);
    fireEvent.click(screen.getAllByText('重试')[0]);
    await settle();
    expect(upload).toHaveBeenLastCalledWith(expect.objectContaining({ path: 'blob:big' }));
    expect(shotStates()).toEqual(['done', 'failed']);

    fireEvent.click(screen.getAllByText('删除')[1]);
    expect(shotStates()).toEqual(['done']);
  });

  it('cancelling the chooser is no error; a refused permission says what to check', async () => {
    const toast = jest.spyOn(Taro, 'showToast');
    jest.spyOn(Taro, 'chooseImage').mockRejectedValueOnce({ errMsg: 'chooseImage:fail cancel' }).mockRejectedValueOnce({ errMsg: 'chooseImage:fail auth deny' });
    render(<Harness options={{ max: 9, upload: uploadOk }} />);

    fireEvent.click(screen.getByText('＋ 添加照片（0/9）'));
    await settle();
    expect(toast).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('＋ 添加照片（0/9）'));
    await settle();
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '没能打开相册或相机，请检查权限' }));
    expect(uploadOk).not.toHaveBeenCalled();
  });

  it('leaves out photos over the size limit, with a toast, before any upload', async () => {
    const toast = jest.spyOn(Taro, 'showToast');
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:ok', 'blob:huge'], tempFiles: [{ path: 'blob:ok', size: 1000 }, { path: 'blob:huge', size: 11_000_000 }] });
    render(<Harness options={{ max: 9, maxBytes: 10 * 1024 * 1024, upload: uploadOk }} />);
    fireEvent.click(screen.getByText('＋ 添加照片（0/9）'));
    await settle();

    expect(uploadOk.mock.calls.map(([file]) => file.path)).toEqual(['blob:ok']);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '照片不能超过 10 MB，已略过过大的照片' }));
  });

  it('拍照 and 从相册选 each open their own source (WeChat: chooseMedia, compressed)', async () => {
    process.env.TARO_ENV = 'weapp';
    const choose = jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg', size: 1000 }] });
    render(<Harness options={{ max: 9, upload: uploadOk }} sources="separate" />);

    fireEvent.click(screen.getByText('拍照'));
    await settle();
    fireEvent.click(screen.getByText('从相册选'));
    await settle();

    expect(choose).toHaveBeenNthCalledWith(1, expect.objectContaining({ count: 9, sourceType: ['camera'], mediaType: ['image'] }));
    expect(choose).toHaveBeenNthCalledWith(2, expect.objectContaining({ count: 8, sourceType: ['album'] }));
  });

  it('hands each upload over when asked (vouchers), counting those already handed over; PDFs come from a chat', async () => {
    process.env.TARO_ENV = 'weapp';
    const onUploaded = jest.fn();
    const chooseFile = jest.spyOn(Taro, 'chooseMessageFile').mockResolvedValue({ tempFiles: [{ path: 'wxfile://tmp/invoice.pdf', name: '发票.pdf', size: 2000 }] });
    render(<Harness options={{ max: 20, taken: 18, unit: '个凭证', upload: uploadOk, onUploaded }} pdf />);

    fireEvent.click(screen.getByText('选 PDF 文件'));
    await settle();

    expect(chooseFile).toHaveBeenCalledWith(expect.objectContaining({ count: 2, extension: ['pdf'] }));
    expect(uploadOk).toHaveBeenCalledWith(expect.objectContaining({ path: 'wxfile://tmp/invoice.pdf', name: '发票.pdf' }));
    expect(onUploaded).toHaveBeenCalledWith({ id: 1 }, expect.objectContaining({ name: '发票.pdf' }));
    expect(document.querySelectorAll('.photo-shot')).toHaveLength(0);
  });

  it('on H5, PDFs and photos come through one file input', async () => {
    process.env.TARO_ENV = 'h5';
    const createObjectURL = jest.fn((file: File) => `blob:${file.name}`);
    Object.assign(URL, { createObjectURL });
    render(<Harness options={{ max: 20, upload: uploadOk }} pdf />);

    const input = document.querySelector('.photo-picker-file-input') as HTMLInputElement;
    expect(input).toHaveAttribute('accept', 'image/*,application/pdf');
    fireEvent.change(input, { target: { files: [new File(['%PDF'], 'invoice.pdf', { type: 'application/pdf' })] } });
    await settle();

    expect(uploadOk).toHaveBeenCalledWith(expect.objectContaining({ path: 'blob:invoice.pdf', name: 'invoice.pdf' }));
  });

  it('settled() waits for the uploads on their way and answers every shot as it ended', async () => {
    let finish!: (answer: { id: number }) => void;
    const upload = jest.fn(() => new Promise<{ id: number }>((resolve) => (finish = resolve)));
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue(images('blob:slow'));
    render(<Harness options={{ max: 9, upload }} />);
    fireEvent.click(screen.getByText('＋ 添加照片（0/9）'));
    await settle();

    let shots: { state: string; answer?: { id: number } }[] | null = null;
    void picker.settled().then((answer) => (shots = answer));
    await settle();
    expect(shots).toBeNull();

    finish({ id: 77 });
    await settle();
    expect(shots).toEqual([expect.objectContaining({ state: 'done', answer: { id: 77 } })]);
  });

  it('never has more than 10 uploads in flight (WeChat’s limit): the others wait their turn', async () => {
    const answers: ((response: { statusCode: number; data: string }) => void)[] = [];
    const send = jest.spyOn(Taro, 'uploadFile').mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
    render(<Harness options={{ max: 20, upload: (file) => uploadFile(file.path) }} />);

    act(() => picker.add(Array.from({ length: 12 }, (_, i) => ({ path: `blob:${i}`, size: 1 }))));
    await settle();
    expect(send).toHaveBeenCalledTimes(10);

    answers[0]({ statusCode: 201, data: JSON.stringify({ id: 1, url: '/u', thumbnailUrl: '/t', width: 1, height: 1, bytes: 1 }) });
    await settle();
    expect(send).toHaveBeenCalledTimes(11);
    expect(send).toHaveBeenLastCalledWith(expect.objectContaining({ filePath: 'blob:10' }));
  });
});
