// The entry point. The app is imported dynamically: static imports are all read and compiled
// before any module runs, and the heap setting must be in place while they load.
import { limitHeapGrowthWhileLoading } from './startup-heap.js';

const restoreHeapGrowth = limitHeapGrowthWhileLoading();
const { serve } = await import('./serve.js');
await serve();
restoreHeapGrowth();
