/** Embed accent colours. */
export const BRAND_COLOR = 0x5865f2;
export const SUCCESS_COLOR = 0x57f287;
export const ERROR_COLOR = 0xed4245;
export const WARNING_COLOR = 0xfee75c;
