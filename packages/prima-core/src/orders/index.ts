// Public API of the orders room.
export {};
