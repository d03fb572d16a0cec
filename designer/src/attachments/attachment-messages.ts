import type { Language } from '../i18n/i18n';

/**
 * The attachment widget's texts. Kept beside it until the workspace UI moves them into the app's catalogues
 * (designer/src/i18n/zh.ts and en.ts, keys `attachment.*`), which this component does not own.
 */
const zh = {
  choose: '选择文件',
  replace: '更换文件',
  remove: '移除',
  uploading: '正在上传…',
  open: '打开',
  download: '下载',
  required: '必填',
  tooLarge: '文件过大：{size}，最大 {max}',
  unsupported: '不支持的文件类型：{type}。可上传 JPEG/PNG/WebP 图片、PDF 和 Office 文档',
  previewAlt: '{name} 的预览',
} as const;

export type AttachmentMessageKey = keyof typeof zh;

const en: Record<AttachmentMessageKey, string> = {
  choose: 'Choose a file',
  replace: 'Replace file',
  remove: 'Remove',
  uploading: 'Uploading…',
  open: 'Open',
  download: 'Download',
  required: 'required',
  tooLarge: 'File too large: {size}; at most {max}',
  unsupported: 'Unsupported file type: {type}. Upload JPEG/PNG/WebP images, PDF or Office documents',
  previewAlt: 'Preview of {name}',
};

/** The widget's messages in `language`. */
export const attachmentMessages: Record<Language, Record<AttachmentMessageKey, string>> = { zh, en };

/** `1536` → `1.5 KB`: a size a person reads. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
