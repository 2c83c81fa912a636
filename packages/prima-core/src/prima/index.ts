// Public API of the prima room.
export {};
