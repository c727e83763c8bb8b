import { ListSubheader } from '@mui/material';
import type { ReactNode } from 'react';
import AccountCircle from '@mui/icons-material/AccountCircle';
import { AppBar, Layout as RaLayout, Logout, Menu, MenuItemLink, UserMenu, usePermissions, useSidebarState } from 'react-admin';
import { StepUpDialog } from './auth/StepUpDialog';
import { can } from './access';
import { MENU } from './menu';

/** The menu shows what the signed-in roles may open, grouped by job. */
export const ConsoleMenu = () => {
  const { permissions } = usePermissions<string[]>();
  const [open] = useSidebarState();
  return (
    <Menu>
      <Menu.DashboardItem />
      {MENU.map((group) => {
        const items = group.items.filter((i) => can(permissions, i.resource, i.action ?? 'list'));
        if (items.length === 0) return null;
        return [
          open ? (
            <ListSubheader key={`${group.title}-header`} sx={{ lineHeight: '32px', bgcolor: 'transparent' }}>
              {group.title}
            </ListSubheader>
          ) : null,
          ...items.map((i) => <Menu.Item key={i.to} to={i.to} primaryText={i.label} leftIcon={<i.icon />} />),
        ];
      })}
    </Menu>
  );
};

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout menu={ConsoleMenu} appBar={ConsoleAppBar}>
    {children}
    <StepUpDialog />
  </RaLayout>
);

const ConsoleAppBar = () => <AppBar userMenu={<ConsoleUserMenu />} />;

/** The user menu: the profile page (two-factor), then sign out. */
const ConsoleUserMenu = () => (
  <UserMenu>
    <MenuItemLink to="/profile" primaryText="Profile and two-factor" leftIcon={<AccountCircle />} />
    <Logout />
  </UserMenu>
);
