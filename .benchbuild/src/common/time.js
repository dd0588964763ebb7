/** Epoch seconds: the unit of every created_at/updated_at column (contract README §5). */
export const nowSeconds = () => Math.floor(Date.now() / 1000);
//# sourceMappingURL=time.js.map