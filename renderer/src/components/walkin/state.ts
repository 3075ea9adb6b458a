// Whether the walk-in form is open: the header's button and the W key open it, the form closes it.
import { create } from 'zustand';

export const useWalkInForm = create<{ open: boolean }>()(() => ({ open: false }));
export const openWalkInForm = (): void => useWalkInForm.setState({ open: true });
export const closeWalkInForm = (): void => useWalkInForm.setState({ open: false });
