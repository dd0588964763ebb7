/** Epoch seconds: the unit of every created_at/updated_at column (contract README §5). */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
