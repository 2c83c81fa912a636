// Public API of the money room.
export {};
