// Public API of the finance room.
export {};
