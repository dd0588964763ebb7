/** Epoch seconds: the unit of every created_at/updated_at column, as in Open WebUI's tables and API. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
