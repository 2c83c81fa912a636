// Public API of the stock room.
export {};
