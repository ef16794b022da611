/** A route's answer sent as a downloaded file (an .xlsx workbook) rather than JSON. */
export class FileReply {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly body: Buffer,
  ) {}
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
