import { z } from 'zod';

/** An export's id: made on the server from who asked and the client's request id (a retry maps to it). */
export const exportIdSchema = z.string().regex(/^ex_[0-9a-f]{24}$/, '导出编号格式不正确');

export const exportFormatLabels = { xlsx: 'Excel（XLSX）', csv: 'CSV' } as const;
export type ExportFormat = keyof typeof exportFormatLabels;
export const exportFormats = Object.keys(exportFormatLabels) as [ExportFormat, ...ExportFormat[]];
export const exportFormatSchema = z.enum(exportFormats);

/** `running` until the file is written; then `ready` with a link, or `failed` with a reason. */
export const exportStatusSchema = z.enum(['running', 'ready', 'failed']);
export type ExportStatus = z.infer<typeof exportStatusSchema>;

/** A delivery report export as its requester sees it (poll it while `running`). */
export const deliveryExportSchema = z.object({
  id: exportIdSchema,
  status: exportStatusSchema,
  format: exportFormatSchema,
  /** Detail rows written so far, of `total` expected (known from the dashboard's counters). */
  progress: z.object({ rows: z.number().int().min(0), total: z.number().int().min(0) }),
  /** A presigned link to the file, only when ready; valid until `expiresAt`. */
  url: z.string().optional(),
  fileName: z.string().optional(),
  expiresAt: z.string().optional(),
  /** Why it failed (Chinese), only when failed. */
  reason: z.string().optional(),
});
export type DeliveryExport = z.infer<typeof deliveryExportSchema>;
